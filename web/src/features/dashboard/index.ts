// What other features use of the dashboard (docs/architecture.md, "Web UI modules").
export { marginPercent, marginTone } from './money';
