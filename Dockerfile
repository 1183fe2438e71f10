# start-tutor: one image for every process (worker, web, discord, slack, `start`, fake-model); the
# command picks. compose.yaml and deploy/kubernetes/ run it; README → "Containers" says how.
#
# BASE_IMAGE is any Debian bookworm image with Node 20 on its PATH. The default is the public one;
# machines without a registry build their own (test/containers/local-base-image.sh).
ARG BASE_IMAGE=node:20-bookworm-slim

# ── build: compile TypeScript, then keep only the production dependencies ──────────────────────
FROM ${BASE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY adapters ./adapters
COPY render ./render
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ── runtime ─────────────────────────────────────────────────────────────────────────────────────
FROM ${BASE_IMAGE}
# The sandbox's interpreter is Debian's python3 with the scientific stack from apt (bound read-only
# into bubblewrap). redis-server serves `start` on defaults and the local test stack; tini is PID 1
# (forwards SIGTERM, reaps what a sandbox leaves behind).
RUN apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap python3 python3-seccomp python3-numpy python3-sympy \
      python3-scipy python3-pandas python3-matplotlib python3-openpyxl python3-pil fonts-dejavu-core \
      redis-server ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
# Not root: bubblewrap then gets its namespaces as an ordinary user (and RLIMIT_NPROC holds).
RUN useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin tutor
WORKDIR /app
COPY --from=build /app ./
# `start` keeps its state (local Redis data, the running-start file) in .data; the rest is read-only.
RUN mkdir .data && chown tutor:tutor .data
USER 10001:10001
ENV NODE_ENV=production \
    WORKER_HTTP_HOST=0.0.0.0
# The sandbox (workers) needs more from the runtime: see the worker's security_opt in compose.yaml.
ENTRYPOINT ["tini", "--", "node", "bin/start-tutor.js"]
CMD ["start"]
