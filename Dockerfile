# Dealbot in a container: built in one stage, run from dist/ with production dependencies only, as the
# unprivileged `node` user, on Node 24 LTS. Its start is `npm start`'s command exactly (CI starts the bot
# that way from the toolkit's deploy zip); /healthz answers while the process lives. The store tool runs
# in it too: `docker exec <container> npm run store -- backup /app/data/backup.jsonl.gz`.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# The SQLite driver builds its native code from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
COPY vendor ./vendor
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-assets.mjs scripts/api-key.ts scripts/store.ts ./scripts/
COPY src ./src
COPY bot ./bot
COPY cards ./cards
COPY config ./config
# Optional dependencies go too: TypeScript (i18next's optional peer) and the SQLite driver's build tools.
RUN npm run build && npm prune --omit=dev --omit=optional --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3978
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/vendor ./vendor
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY scripts/ensure-built.mjs ./scripts/
# The embedded store's default folder, writable by the bot: mount a volume here to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
