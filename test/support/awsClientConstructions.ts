/** Where a source file builds an AWS SDK client: read by the architecture tests (test/unit/architecture). */

/** `new <X>Client(` of a class imported from an @aws-sdk package, with its line number. */
export function awsClientConstructions(source: string): Array<{ line: number; text: string }> {
  const clientNames = new Set<string>();
  for (const m of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]@aws-sdk\/[^'"]+['"]/g)) {
    for (const binding of m[1]!.split(',')) {
      const [imported, local = imported] = binding
        .trim()
        .split(/\s+as\s+/)
        .map((n) => n.trim());
      if (imported && local && /Client$/.test(imported)) clientNames.add(local);
    }
  }
  for (const m of source.matchAll(/import\s+\*\s+as\s+(\w+)\s+from\s*['"]@aws-sdk\/[^'"]+['"]/g)) {
    clientNames.add(`${m[1]!}.\\w+Client`);
  }
  const found: Array<{ line: number; text: string }> = [];
  source.split('\n').forEach((text, index) => {
    for (const name of clientNames) {
      if (new RegExp(`\\bnew\\s+${name.replace('.', '\\.')}\\s*\\(`).test(text))
        found.push({ line: index + 1, text: text.trim() });
    }
  });
  return found;
}
