// The black-box test harness (test/harness/README.md): start, stop, kill and restart real broker
// processes from the built dist/.
export { startBroker, stopAllBrokers, type BrokerProcess, type ExitStatus, type StartBrokerOptions } from './broker-process.js';
