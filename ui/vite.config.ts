import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The UI is served by Tauri's custom protocol or by the loopback HTTP adapter,
// so asset paths are relative and nothing is loaded from the network.
export default defineConfig({
  base: './',
  plugins: [vue()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': 'http://127.0.0.1:8765',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
