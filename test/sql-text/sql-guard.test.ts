import { describe, expect, it } from 'vitest'
import { checkSqlText } from '../../src/sql-text/sql-guard.js'

describe('SQL guard: filters (where)', () => {
  it.each([
    'Makulerad = 0',
    "status = 'active' AND (deleted IS NULL OR deleted = 0)",
    "name = 'it''s; fine -- really'",
    "note LIKE '%;%'",
    '"Kolumn; med semikolon" = 1',
    "[Enhet kod] = 'A'",
    "unit_id IN (SELECT id FROM cosmic.unit WHERE region = 'syd')",
    'Besöksdatum >= DATEADD(day, -7, GETDATE())',
    'CASE WHEN a > 0 THEN 1 ELSE 0 END = 1',
    'x = $$ab$$',
  ])('accepts %s', (text) => {
    expect(checkSqlText(text, 'where')).toBeUndefined()
  })

  it.each([
    [') ; COMMIT; DROP TABLE cosmic.canary; SELECT (1', /closes a parenthesis/],
    ['1 = 1; DROP TABLE cosmic.canary', /";" would end the statement/],
    ['1 = 1 -- ; DROP TABLE x', /comments are not allowed/],
    ['1 = 1 /* hidden */', /comments are not allowed/],
    ['(1 = 1', /not closed; balance/],
    ['1 = 1 UNION SELECT 1', /"UNION" would add a clause/],
    ['1 = 1 ORDER BY 1', /"ORDER" would add a clause/],
    ['1 = 1 GROUP BY a', /"GROUP" would add a clause/],
    ['1 = 1 LIMIT 1', /"LIMIT" would add a clause/],
    ["a = 'open", /string literal is not closed/],
    ['"open = 1', /quoted identifier is not closed/],
    ['a IN (DELETE FROM x RETURNING id)', /"DELETE" is not allowed/],
    ['a = 1 COMMIT', /"COMMIT" is not allowed/],
    ['x = $tag$ ; DROP TABLE t', /dollar-quoted string \$tag\$ is not closed/],
  ])('refuses %s', (text, message) => {
    expect(checkSqlText(text, 'where')).toMatch(message)
  })

  it("refuses a backslash that ends a string under standard_conforming_strings off: 'x\\' = '; DROP …'", () => {
    // With the setting off PostgreSQL reads 'x\' = ' as one string and the DROP as code.
    expect(checkSqlText("a = 'x\\' OR b = '; DROP TABLE t; SELECT '", 'where')).toMatch(
      /standard_conforming_strings off/,
    )
  })

  it('refuses a bracket that SQL Server reads as an identifier but PostgreSQL does not', () => {
    // On SQL Server [; x] is a name; elsewhere the ; is a separator.
    expect(checkSqlText('a[1] = 1; DROP TABLE t; SELECT [1]', 'where')).toMatch(/";" would end/)
  })

  it.each([
    ["[Enhet;kod] = 'A'", /";" would end/],
    ['x = $$a;b$$', /";" would end/],
    ["x = E'it\\'s'", /not closed \(as SQL Server/],
  ])(
    'refuses %s, safe on one engine but not on another (the engine is not known at load time)',
    (text, message) => {
      expect(checkSqlText(text, 'where')).toMatch(message)
    },
  )

  it('says where in a multi-line text the problem is', () => {
    expect(checkSqlText('a = 1\n  AND b = 2;', 'where')).toMatch(/at line 2, column 12/)
  })
})

describe('SQL guard: queries', () => {
  it.each([
    "SELECT MAX(finished_at) FROM etl.load_log WHERE status = 'succeeded'",
    'SELECT a FROM x UNION ALL SELECT a FROM y',
    '(SELECT a FROM x)',
    'WITH t AS (SELECT 1 AS a) SELECT a FROM t',
    'select v.visit_id, u.code from cosmic.outpatient_visit as v\nleft join cosmic.unit as u on u.id = v.unit_id',
  ])('accepts %s', (text) => {
    expect(checkSqlText(text, 'query')).toBeUndefined()
  })

  it.each([
    ['SELECT 1; SELECT 2', /";" would end the statement/],
    ['SELECT 1;', /";" would end the statement/],
    ['SELECT 1 /* ; DROP TABLE x */', /comments are not allowed/],
    ['SELECT 1 --', /comments are not allowed/],
    ['DELETE FROM x', /"DELETE" is not allowed/],
    ['SELECT * INTO copy FROM x', /"INTO" is not allowed/],
    ['SELECT * FROM x FOR UPDATE', /"UPDATE" is not allowed/],
    ['VALUES (1)', /must be one SELECT/],
    ['EXEC sp_who', /"EXEC" is not allowed/],
    ['SELECT (1', /not closed/],
  ])('refuses %s', (text, message) => {
    expect(checkSqlText(text, 'query')).toMatch(message)
  })
})
