export { DEMO_POLICY, demoDevices, runDemo } from './run-demo.js';
export { STACK_SIGNING_SECRET, type Stack, type StackOptions, startStack } from './stack.js';
