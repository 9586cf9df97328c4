FROM busybox:latest
ADD site.tar.gz /srv/
COPY site.tar.gz /archive/
CMD ["sleep", "600"]
