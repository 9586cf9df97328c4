FROM busybox:latest
ENV APP_VERSION=1.0
RUN echo "building version ${APP_VERSION}" > /version.txt
CMD ["sleep", "600"]
