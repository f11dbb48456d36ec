# The read-model server the test suite runs: FerretDB 1.24 on its SQLite backend, built from the Go
# module proxy with the patch in deploy/local/patches by the very script that builds it for the
# local servers (deploy/local/ferretdb.sh), and started with the flags that script starts it with.
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY deploy/local ./deploy/local
RUN TL_LOCAL_HOME=/build bash deploy/local/ferretdb.sh build \
  && cp "$(TL_LOCAL_HOME=/build bash deploy/local/ferretdb.sh binary)" /usr/local/bin/ferretdb

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --home-dir /state ferretdb \
  && mkdir -p /state/sqlite && chown -R ferretdb /state
COPY --from=build /usr/local/bin/ferretdb /usr/local/bin/ferretdb
# A ping over the wire protocol with nothing but bash, as the local servers are probed.
COPY deploy/local/probe.sh /usr/local/lib/ferretdb/probe.sh
USER ferretdb
VOLUME /state
EXPOSE 27017
HEALTHCHECK --interval=10s --timeout=6s --start-period=10s --retries=6 \
  CMD ["timeout", "5", "bash", "/usr/local/lib/ferretdb/probe.sh", "mongo", "27017"]
ENTRYPOINT ["ferretdb", "--handler=sqlite", "--sqlite-url=file:/state/sqlite/", "--state-dir=/state", \
  "--listen-addr=:27017", "--debug-addr=127.0.0.1:8088", "--telemetry=disable", "--log-level=info"]
