# start-tutor: one image for every process (worker, adapters, `start`); pick the command at run time.
FROM node:20-bookworm-slim

# The sandbox's interpreter is Debian's python3 with the scientific stack from apt (bound read-only
# into bubblewrap); redis-server is only used when REDIS_URL points nowhere (`start` on defaults).
RUN apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap python3 python3-seccomp python3-numpy python3-sympy python3-scipy \
      python3-pandas python3-matplotlib python3-openpyxl python3-pil fonts-dejavu-core redis-server ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY adapters ./adapters
COPY render ./render
RUN npm run build && npm prune --omit=dev

ENV NODE_ENV=production
# bubblewrap needs user namespaces: run with --security-opt seccomp=unconfined (or a profile that
# allows clone(CLONE_NEWUSER)) and without --read-only on /tmp.
ENTRYPOINT ["node", "bin/start-tutor.js"]
CMD ["start"]
