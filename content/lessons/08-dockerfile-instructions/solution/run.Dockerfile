FROM busybox:latest
# One RUN: the 8 MB file is created and deleted in the same layer.
RUN dd if=/dev/zero of=/tmp/big bs=1M count=8 \
    && rm /tmp/big
