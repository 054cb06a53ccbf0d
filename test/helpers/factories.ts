// The builders moved to ./builders (one module per domain). This re-export keeps branches in flight
// compiling; new tests import from '../helpers/builders'.
export * from './builders';
