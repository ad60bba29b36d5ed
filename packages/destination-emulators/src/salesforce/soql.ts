export type SoqlValue = string | number | boolean | null;

export type Condition =
  | { kind: 'compare'; field: string; op: '=' | '!='; value: SoqlValue }
  | { kind: 'in'; field: string; negated: boolean; values: SoqlValue[] }
  | { kind: 'and' | 'or'; conditions: Condition[] }
  | { kind: 'not'; condition: Condition };

/** The part of SOQL the emulator answers: field lists, one object, WHERE, ORDER BY one field, LIMIT. */
export interface SoqlQuery {
  fields: string[];
  object: string;
  where?: Condition;
  orderBy?: { field: string; descending: boolean };
  limit?: number;
}

/** A query Salesforce could not parse: answered 400 MALFORMED_QUERY with the position, as Salesforce does. */
export class SoqlSyntaxError extends Error {
  constructor(query: string, position: number, detail: string) {
    const before = query.slice(0, position);
    const row = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    super(
      `\n${query}\n${' '.repeat(
        Math.max(0, column - 1),
      )}^\nERROR at Row:${row}:Column:${column}\n${detail}`,
    );
    this.name = 'SoqlSyntaxError';
  }
}

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'symbol'; text: string; at: number }
  | { kind: 'end'; at: number };

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  "'": "'",
  '"': '"',
  '\\': '\\',
};

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      const at = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= query.length) {
          throw new SoqlSyntaxError(query, at, 'unterminated string literal');
        }
        const d = query[i];
        if (d === '\\') {
          const escaped = ESCAPES[query[i + 1]];
          if (escaped === undefined) {
            throw new SoqlSyntaxError(
              query,
              i,
              `Invalid string literal '${query.slice(
                at,
                i + 2,
              )}'. Illegal character sequence '\\${
                query[i + 1] ?? ''
              }' in string literal.`,
            );
          }
          value += escaped;
          i += 2;
        } else if (d === "'") {
          i += 1;
          break;
        } else {
          value += d;
          i += 1;
        }
      }
      tokens.push({ kind: 'string', value, at });
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i))!;
      tokens.push({ kind: 'word', text: match[0], at: i });
      i += match[0].length;
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(query.slice(i));
      if (!match)
        throw new SoqlSyntaxError(query, i, `unexpected token: '${c}'`);
      tokens.push({ kind: 'number', value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (query.startsWith('!=', i) || query.startsWith('<>', i)) {
      tokens.push({ kind: 'symbol', text: '!=', at: i });
      i += 2;
    } else if ('(),='.includes(c)) {
      tokens.push({ kind: 'symbol', text: c, at: i });
      i += 1;
    } else {
      throw new SoqlSyntaxError(query, i, `unexpected token: '${c}'`);
    }
  }
  tokens.push({ kind: 'end', at: query.length });
  return tokens;
}

/**
 * Parses the SOQL the connectors send: `SELECT a, b FROM Object [WHERE …] [ORDER BY f [ASC|DESC]] [LIMIT n]`,
 * where conditions are `f = v`, `f != v`, `f IN (…)`, `f NOT IN (…)`, `NOT c` and parenthesized groups joined
 * by AND or OR. As in SOQL, AND and OR cannot be mixed at one level without parentheses.
 */
export function parseSoql(query: string): SoqlQuery {
  const tokens = tokenize(query);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const fail = (token: Token, detail?: string): never => {
    throw new SoqlSyntaxError(
      query,
      token.at,
      detail ??
        (token.kind === 'end'
          ? 'unexpected end of query'
          : `unexpected token: '${
              'text' in token ? token.text : String(token.value)
            }'`),
    );
  };
  const isWord = (token: Token, word: string) =>
    token.kind === 'word' && token.text.toUpperCase() === word;
  const expectWord = (word: string) => {
    const token = next();
    if (!isWord(token, word)) fail(token);
  };
  const expectSymbol = (symbol: string) => {
    const token = next();
    if (token.kind !== 'symbol' || token.text !== symbol) fail(token);
  };
  const fieldName = (): string => {
    const token = next();
    if (token.kind !== 'word') return fail(token);
    return token.text;
  };
  const value = (): SoqlValue => {
    const token = next();
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    if (isWord(token, 'TRUE')) return true;
    if (isWord(token, 'FALSE')) return false;
    if (isWord(token, 'NULL')) return null;
    return fail(token);
  };

  function condition(): Condition {
    if (isWord(peek(), 'NOT')) {
      next();
      return { kind: 'not', condition: condition() };
    }
    const token = peek();
    if (token.kind === 'symbol' && token.text === '(') {
      next();
      const inner = expression();
      expectSymbol(')');
      return inner;
    }
    const field = fieldName();
    const op = next();
    if (op.kind === 'symbol' && (op.text === '=' || op.text === '!=')) {
      return { kind: 'compare', field, op: op.text, value: value() };
    }
    let negated = false;
    if (isWord(op, 'NOT')) {
      negated = true;
      expectWord('IN');
    } else if (!isWord(op, 'IN')) {
      fail(op);
    }
    expectSymbol('(');
    const values = [value()];
    for (;;) {
      const separator = next();
      if (separator.kind === 'symbol' && separator.text === ')') break;
      if (separator.kind !== 'symbol' || separator.text !== ',') {
        fail(separator);
      }
      values.push(value());
    }
    return { kind: 'in', field, negated, values };
  }

  function expression(): Condition {
    const first = condition();
    const conditions = [first];
    let joiner: 'and' | 'or' | undefined;
    for (;;) {
      const token = peek();
      let word: 'and' | 'or';
      if (isWord(token, 'AND')) word = 'and';
      else if (isWord(token, 'OR')) word = 'or';
      else break;
      if (joiner && joiner !== word) fail(token);
      joiner = word;
      next();
      conditions.push(condition());
    }
    return joiner ? { kind: joiner, conditions } : first;
  }

  expectWord('SELECT');
  const fields = [fieldName()];
  while (
    peek().kind === 'symbol' &&
    (peek() as { text: string }).text === ','
  ) {
    next();
    fields.push(fieldName());
  }
  expectWord('FROM');
  const object = fieldName();
  const parsed: SoqlQuery = { fields, object };
  if (isWord(peek(), 'WHERE')) {
    next();
    parsed.where = expression();
  }
  if (isWord(peek(), 'ORDER')) {
    next();
    expectWord('BY');
    const field = fieldName();
    let descending = false;
    if (isWord(peek(), 'ASC')) next();
    else if (isWord(peek(), 'DESC')) {
      next();
      descending = true;
    }
    parsed.orderBy = { field, descending };
  }
  if (isWord(peek(), 'LIMIT')) {
    next();
    const token = next();
    if (
      token.kind !== 'number' ||
      !Number.isInteger(token.value) ||
      token.value < 0
    ) {
      fail(token);
    }
    parsed.limit = (token as { value: number }).value;
  }
  if (peek().kind !== 'end') fail(peek());
  return parsed;
}

/** A SOQL string literal of `value`: backslashes and quotes escaped (what clients must send). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
