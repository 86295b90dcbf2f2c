// Starts the interface: connect to Specula (the app's preload or the browser bridge), then mount.
import './lib/zod-without-eval.js';
import { mount } from 'svelte';
import App from './App.svelte';
import ConnectionFailed from './components/ConnectionFailed.svelte';
import { connect } from './lib/api.js';
import { AppState } from './lib/app-state.svelte.js';
import './styles/theme.css';

const target = document.getElementById('app')!;
try {
  const app = new AppState(await connect());
  mount(App, { target, props: { app } });
} catch (error) {
  mount(ConnectionFailed, { target, props: { message: error instanceof Error ? error.message : String(error) } });
}
