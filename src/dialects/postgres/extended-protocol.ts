import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import type pg from 'pg'

/** pg's query config with the `queryMode` option (pg ≥ 8.12), which @types/pg does not declare yet. */
type ExtendedQueryConfig = pg.QueryConfig & { readonly queryMode: 'extended' }

/**
 * The pool Kysely draws its connections from, with every statement sent through PostgreSQL's extended protocol
 * (Parse, Bind, Execute), which takes exactly one statement: a text holding a second one is refused by the server
 * ("cannot insert multiple commands into a prepared statement") before anything runs. pg uses the simple protocol,
 * which runs any number of `;`-separated statements, whenever a query has no parameters, and Kysely's own
 * `begin`/`commit` and this tool's fixed session statements have none; `queryMode: 'extended'` forces the extended
 * one for all of them. Each pg client keeps one wrapper, so Kysely's per-connection state follows the real client.
 */
export function extendedProtocolPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  return {
    async connect() {
      const client = await pool.connect()
      let wrapper = wrappers.get(client)
      if (wrapper === undefined) {
        wrapper = extendedProtocolClient(client)
        wrappers.set(client, wrapper)
      }
      return wrapper
    },
    end: () => pool.end(),
  }
}

function extendedProtocolClient(client: pg.PoolClient): PostgresPoolClient {
  const query = async (
    text: string | PostgresCursor<unknown>,
    parameters: readonly unknown[] = [],
  ): Promise<PostgresQueryResult<unknown>> => {
    if (typeof text !== 'string') {
      // Kysely passes a cursor only for streamed queries, which this tool never runs (no `cursor` is configured).
      throw new TypeError('streamed queries are not supported on this connection')
    }
    const config: ExtendedQueryConfig = { text, values: [...parameters], queryMode: 'extended' }
    const result = await client.query(config)
    return {
      command: result.command as PostgresQueryResult<unknown>['command'],
      rowCount: result.rowCount ?? 0,
      rows: result.rows,
    }
  }
  return {
    query: query as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  }
}
