import { readFile } from 'node:fs/promises'

/**
 * A least-privilege script from README.md, exactly as published, so that tests run what the README tells a DBA to
 * run and the README cannot drift: the first ```sql block after `**<engine>.**` under "## Least-privilege logins".
 */
export async function readmeLeastPrivilegeScript(engine: 'PostgreSQL' | 'SQL Server'): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.split('\n## Least-privilege logins\n')[1]?.split('\n## ')[0] ?? ''
  const start = section.indexOf(`**${engine}.**`)
  const script = start < 0 ? undefined : /```sql\n([\s\S]*?)```/.exec(section.slice(start))?.[1]
  if (script === undefined)
    throw new Error(`README.md: no ${engine} script under "## Least-privilege logins"`)
  return script
}
