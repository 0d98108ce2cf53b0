# syntax=docker/dockerfile:1
#
# Innovation Accelerator Portal - production image.
#
#   docker build -t innovation-accelerator-portal .
#   docker run --rm -p 8080:8080 -e PORTAL_DATABASE_URL=postgres://... innovation-accelerator-portal
#
# The front-end assets and page templates are embedded in the binary (go:embed),
# so the final image holds a single static executable and nothing else.

# --- 1. Front-end assets: GOV.UK Frontend CSS/JS/images and axe-core ----------
FROM node:20-bookworm-slim AS assets
RUN apt-get update \
 && apt-get install -y --no-install-recommends make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Install packages first so this layer is cached until the lock file changes.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY Makefile ./
COPY templates/scss/ templates/scss/
# Same recipe as a developer's `make assets`: writes templates/static/govuk/
# and templates/static/vendor/.
RUN make assets

# --- 2. Go binary --------------------------------------------------------------
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The built assets must be in place before compiling: they are embedded.
COPY --from=assets /src/templates/static/govuk/ templates/static/govuk/
COPY --from=assets /src/templates/static/vendor/ templates/static/vendor/
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/portal ./cmd/portal

# --- 3. Runtime: static binary on distroless, as a non-root user ---------------
# distroless/static ships CA certificates (for the OpenID provider over HTTPS)
# and time zone data, but no shell or package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/portal /portal
USER nonroot:nonroot
ENV PORTAL_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/portal"]
CMD ["serve"]
