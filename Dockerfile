# netrun: the Slack bot (`netrun start`) in a container.
#
#   docker build -t netrun .
#   docker run -d --name netrun --stop-timeout 60 \
#     -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN \
#     -v /srv/netrun/config:/etc/netrun:ro -v netrun-data:/var/lib/netrun \
#     -p 127.0.0.1:3000:3000 netrun
#
# Config and inventory are mounted read-only at /etc/netrun (inventory.yaml, policy.yaml, known_hosts,
# and the secret files they reference); the database lives on the /var/lib/netrun volume. Secrets come
# from the environment, or from files via SLACK_BOT_TOKEN_FILE, SLACK_APP_TOKEN_FILE and
# SLACK_SIGNING_SECRET_FILE (Docker/Kubernetes secrets). The README's "Running in a container" has more.
#
# `.ci/run` proves the runtime steps below without a Docker engine: it packs the build, installs it with
# `npm ci --omit=dev`, runs `netrun check`, starts the bot against a Slack stand-in, runs this file's
# HEALTHCHECK command, and requires exit 0 after SIGTERM.

# Node 24 is the active LTS; better-sqlite3 12 supports it (its engines: 20.x … 26.x).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- toolchain: what native modules build with (better-sqlite3, ssh2's optional crypto); never shipped
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

# ---- build: compile TypeScript (dev dependencies live only here)
FROM toolchain AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# ---- deps: production dependencies only, their native parts built with the toolchain
FROM toolchain AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime: no compiler, no dev dependencies, not root
FROM ${NODE_IMAGE} AS runtime
# tini runs as PID 1: it hands SIGTERM to Node (which then drains jobs and exits 0) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /etc/netrun /var/lib/netrun \
  && chown node:node /var/lib/netrun
ENV NODE_ENV=production \
    PORT=3000 \
    NETRUN_INVENTORY=/etc/netrun/inventory.yaml \
    NETRUN_POLICY=/etc/netrun/policy.yaml \
    NETRUN_KNOWN_HOSTS=/etc/netrun/known_hosts \
    NETRUN_DB=/var/lib/netrun/netrun.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json manifest.yaml ./
USER node
VOLUME ["/var/lib/netrun"]
# HTTP mode: Slack's requests, /healthz and /metrics. Socket Mode: /healthz and /metrics only.
EXPOSE 3000
# No curl in the slim image: Node's fetch. Same port rule as netrun: NETRUN_METRICS_PORT, else PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.NETRUN_METRICS_PORT || process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/cli.js", "start"]
