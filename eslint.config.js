// Lint gates, and the process layering of docs/conventions: renderer -> shared, main -> shared,
// worker -> shared; nothing imports the renderer; shared imports nothing of ours and no Node API.
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'url', 'crypto', 'stream', 'net', 'http', 'zlib'];

function layer(files, forbidden, { nodeApis = true } = {}) {
  const patterns = forbidden.map((folder) => ({
    regex: `(^|/)${folder}/`,
    message: `${files[0].split('/')[0]} may not import from ${folder} (process layering, README "Architecture").`,
  }));
  if (!nodeApis) patterns.push({ group: NODE_BUILTINS, message: 'this layer runs in every process: no Node APIs here.' });
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'resources/', '.scratch/'] },
  ...tseslint.configs.recommended,
  // Svelte components: their <script lang="ts"> blocks are linted like the rest, layering included.
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  layer(['src-shared/**'], ['src-main', 'src-worker', 'src-renderer', 'tools', 'bench', 'tests'], { nodeApis: false }),
  layer(['src-renderer/**'], ['src-main', 'src-worker', 'tools', 'bench', 'tests'], { nodeApis: false }),
  layer(['src-main/**'], ['src-worker', 'src-renderer', 'tools', 'bench', 'tests']),
  layer(['src-worker/**'], ['src-main', 'src-renderer', 'tools', 'bench', 'tests']),
);
