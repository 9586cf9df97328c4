FROM scratch
COPY hello.txt /
