import { Injectable } from '@nestjs/common';

/**
 * The time the app counts failed sign-ins at (FailureLedger's waits): one provider, so an
 * integration test can hold the time still or move it on instead of sleeping through a wait.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
