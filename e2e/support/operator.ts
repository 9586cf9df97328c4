// The operator's token of the e2e tier's own sandbox server (a test server
// on a test port), so the home test can read what /healthz keeps from visitors.
export const OPERATOR_TOKEN = 'e2e-operator-token-0123456789abcdef';
