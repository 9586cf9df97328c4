// The playground's first Dockerfile: small enough to build in seconds on the
// busybox base, and it touches every instruction the first lessons explain.
export const STARTER_DOCKERFILE = `# A tiny web site, built one layer at a time.
FROM busybox:1.35
WORKDIR /site
RUN mkdir -p logs && echo "built by Layerlab" > build-info.txt
COPY index.html .
ENV GREETING="hello from a container"
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/site"]
`;

export const STARTER_FILES: Record<string, string> = {
  'index.html': `<!doctype html>
<title>Layerlab</title>
<h1>It works</h1>
<p>This page was copied into the image by the COPY instruction.</p>
`,
};

export const STARTER_TAG = 'myapp:1';
