FROM busybox:latest
LABEL maintainer="you@example.com"
LABEL version="1.0"
LABEL description="My first labelled image"
