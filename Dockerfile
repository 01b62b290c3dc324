# One image for the gateway and all four subgraphs; docker-compose.yml picks the entry point per
# service. The services run TypeScript through tsx, a runtime dependency, so no build step.
FROM node:20-slim

WORKDIR /app

# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

# HOST=0.0.0.0: the services listen on 127.0.0.1 by default, unreachable from other containers.
# APOLLO_TELEMETRY_DISABLED: else @apollo/gateway probes cloud metadata hosts and reports to Apollo.
ENV NODE_ENV=production HOST=0.0.0.0 APOLLO_TELEMETRY_DISABLED=true

USER node
EXPOSE 4000 4001 4002 4003 4004

# node itself, not npm, is PID 1, so SIGTERM from `docker stop` reaches the service's shutdown.
CMD ["node", "--import", "tsx", "gateway/main.ts"]
