// Flat config: the recommended JS and type-aware TypeScript rules, nothing exotic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.tools/', 'coverage/', 'reports/', '.local/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // One zod: shared/schema/z.ts (zod/mini with the English locale registered). A schema made
    // with classic zod would bring classic into a Lambda bundle (its module and its per-schema
    // methods: about 30 ms of cold start), and one from 'zod/mini' directly would parse with no
    // locale ("Invalid input" instead of the message).
    files: ['**/*.ts'],
    ignores: ['shared/schema/z.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^zod($|/)',
              message:
                "Import the project's zod: `import * as z from '<relative>/shared/schema/z'` (zod/mini, English messages).",
            },
          ],
        },
      ],
    },
  },
  {
    // Code that ends up in a Lambda bundle: a named import (`import { z } from '../schema/z'`)
    // makes esbuild keep all of zod (every locale, the JSON Schema converters: about 440 KiB and
    // 25 ms of cold start); `import * as z from '../schema/z'` lets it keep only what is used.
    files: ['shared/**/*.ts', 'functions/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value=/schema\\/z$/][importKind!='type'] > :matches(ImportSpecifier[importKind!='type'], ImportDefaultSpecifier)",
          message: "Use `import * as z from '../schema/z'`: a named import pulls all of zod into the function bundles.",
        },
      ],
    },
  },
);
