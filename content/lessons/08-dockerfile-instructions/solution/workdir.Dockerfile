FROM busybox:latest
WORKDIR /root
WORKDIR /test
WORKDIR demo
RUN pwd > /where.txt
CMD ["sleep", "600"]
