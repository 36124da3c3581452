// What other features use of estimates (docs/architecture.md, "Web UI modules").
export { EstimateSection } from './EstimateSection';
export { useEstimates } from './api';
