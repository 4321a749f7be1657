/**
 * The name of an SSM Parameter Store parameter, as a config key gives it (a chat channel's token,
 * a power market's login): one rule for every such key.
 */
import * as z from '../schema/z';

/**
 * An SSM parameter name: letters, digits and _.-/, a path starting with '/' when it has one, at
 * most 1011 characters and 15 levels, not in the reserved aws/ssm namespaces.
 */
export const parameterNameSchema = z.string().check((ctx) => {
  const name = ctx.value;
  const shape = /^(\/[A-Za-z0-9_.-]+)+$|^[A-Za-z0-9_.-]+$/.test(name);
  const levels = name.split('/').filter((p) => p.length > 0);
  const reserved = /^(aws|ssm)/i.test(levels[0] ?? '');
  if (!shape || name.length > 1011 || levels.length > 15 || reserved) {
    ctx.issues.push({
      code: 'custom',
      input: name,
      message: `not an SSM parameter name (like /hashwatch/telegram/bot-token: letters, digits, _.-/, a path starts with /, not under aws or ssm): ${JSON.stringify(name)}`,
    });
  }
});
