// What other features use of sales (docs/architecture.md, "Web UI modules").
export { pageLink } from './application';
