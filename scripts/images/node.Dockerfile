# node:18-slim made from Debian bookworm's own nodejs (18.19).
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs ca-certificates \
 && rm -rf /var/lib/apt/lists/*
CMD ["node"]
