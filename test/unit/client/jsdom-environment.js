// jsdom on a device whose clock is not in China: the client must show China time whatever the device's zone.
// The zone is the worker process's own (a test file cannot change it), so it is set here and restored after.
const { TestEnvironment } = require('jest-environment-jsdom');

const DEVICE_ZONE = 'America/Los_Angeles';

class DeviceElsewhereEnvironment extends TestEnvironment {
  async setup() {
    this.savedZone = process.env.TZ;
    process.env.TZ = DEVICE_ZONE;
    await super.setup();
  }

  async teardown() {
    if (this.savedZone === undefined) delete process.env.TZ;
    else process.env.TZ = this.savedZone;
    await super.teardown();
  }
}

module.exports = DeviceElsewhereEnvironment;
