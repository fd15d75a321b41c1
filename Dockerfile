# Production image of tide: one static binary on distroless.
#
#   docker build -t tide .
#   docker run --rm tide migrate up        # or: api (default), worker, migrate status
#
# The binary is built with -tags nodev, which leaves out `tide dev` (the embedded
# Temporal server and UI); the image runs against external PostgreSQL and Temporal,
# configured through TIDE_* environment variables (see docker-compose.yml).

FROM golang:1.26.8-bookworm AS build

# Use exactly the toolchain of this image: if go.mod asks for a newer Go, fail
# loudly instead of downloading another toolchain during the build.
ENV GOTOOLCHAIN=local

WORKDIR /src

# Modules first, so this layer is reused until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download

COPY . .
# The cache mount keeps Go's build cache between builds (BuildKit, the default
# builder of Docker Engine 23+ and of docker compose).
RUN --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -tags nodev -trimpath -o /out/tide ./cmd/tide

# static-debian12 has CA certificates and /etc/passwd but no shell or libc,
# which a CGO_ENABLED=0 binary does not need. Time zone data is embedded in the
# binary (time/tzdata), so the image needs no tzdata either.
# The :nonroot tag moves with Debian security updates; pin it by digest
# (…:nonroot@sha256:…) where builds must be reproducible.
FROM gcr.io/distroless/static-debian12:nonroot

COPY --from=build /out/tide /tide

# Listen on every interface: the binary's default, 127.0.0.1:8080, is not
# reachable from outside a container.
ENV TIDE_ADDR=0.0.0.0:8080

# 65532 is the distroless "nonroot" user; numeric, so runAsNonRoot checks pass.
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/tide"]
CMD ["api"]
