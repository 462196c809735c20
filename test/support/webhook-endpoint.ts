/**
 * A webhook endpoint in the test process (node:http on 127.0.0.1): records every POST with its path, headers and
 * JSON body, and answers with the statuses a test queues (then 200), or never while `hang` is set.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the endpoint received. */
export interface Received {
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: Record<string, unknown>
}

/** A local webhook endpoint: records every POST and answers with the queued statuses, then 200. */
export class WebhookEndpoint {
  readonly received: Received[] = []
  readonly answers: number[] = []
  /** While true, requests are received but never answered. */
  hang = false
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      this.received.push({
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      })
      if (this.hang) return
      const status = this.answers.shift() ?? 200
      response.writeHead(status, { 'content-type': 'text/plain' })
      response.end(status === 200 ? '1' : 'endpoint is down for maintenance')
    })
  })

  /** Listens on a free port of 127.0.0.1; resolves with the port. */
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return (this.server.address() as AddressInfo).port
  }

  /** Closes open connections and stops listening. */
  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error === undefined ? resolve() : reject(error))),
    )
  }
}

/** A port nothing listens on: one the system just handed out and took back. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
