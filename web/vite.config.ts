import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The C++ server serves web/dist; `npm run dev` proxies the API to a local `retainer serve`.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': process.env.RETAINER_URL ?? 'http://127.0.0.1:18090' } },
  build: { chunkSizeWarningLimit: 1500 },
  test: { environment: 'node', include: ['src/**/*.test.ts', 'tools/**/*.test.mjs'], reporters: ['default', './vitest.summary.ts'] },
});
