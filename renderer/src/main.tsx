// Entry: pick the transport (IPC in Electron, HTTP/WebSocket in browser mode), set up the
// store, render the app.
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api-client.js';
import { selectTransport } from './api/select-transport.js';
import { AppStore, setAppStore } from './state/app-store.js';
import { App } from './views/App.js';
import './styles.css';

const store = new AppStore(new ApiClient(selectTransport()));
setAppStore(store);
createRoot(document.getElementById('root')!).render(<App />);
void store.init().catch((err: Error) => store.set({ error: err.message }));
