FROM busybox:latest
WORKDIR /app
COPY greeting.txt .
RUN wc -c greeting.txt > size.txt
CMD ["sh", "-c", "echo bytes in greeting: $(cat size.txt)"]
