// What other features use of briefs (docs/architecture.md, "Web UI modules").
export { BriefsSection } from './BriefsSection';
export { useBriefs } from './api';
