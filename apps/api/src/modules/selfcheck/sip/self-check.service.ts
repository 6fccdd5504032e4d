import { Injectable } from '@nestjs/common';
import { SipMessage } from '../protocol/codec';
import { FIELD, supportedMessages } from '../protocol/layouts';
import { MachineSession } from '../machines/machines.service';
import { CirculationMessagesService } from './circulation-messages.service';
import { PatronMessagesService } from './patron-messages.service';
import { Answer, SipSession, SipTransactions, sipNow } from './sip-session';

/**
 * SIP2 timeout period of the ACS status: how long the machine should wait for an answer
 * (the number Evergreen and Koha send), and how often it may try again.
 */
const TIMEOUT_PERIOD = '600';
const RETRIES_ALLOWED = '003';

/** The messages a machine may send, by what it may do (BX of the status answer). */
function served(machine: MachineSession): string[] {
  const p = machine.permissions;
  return [
    '99', '97', '93', '35', '17',
    ...(p.checkout ? ['11'] : []),
    ...(p.checkin ? ['09'] : []),
    ...(p.renew ? ['29'] : []),
    ...(p.patronInfo ? ['23', '63'] : []),
  ];
}

/** One message of a signed-in machine, to the service that answers it. */
@Injectable()
export class SelfCheckService {
  constructor(
    private readonly tx: SipTransactions,
    private readonly patrons: PatronMessagesService,
    private readonly circulation: CirculationMessagesService,
  ) {}

  async handle(session: SipSession, msg: SipMessage): Promise<Answer> {
    switch (msg.code) {
      case '99':
        return this.status(session);
      case '23':
        return this.patrons.status(session, msg, false);
      case '63':
        return this.patrons.status(session, msg, true);
      case '35':
        return this.patrons.endSession(session, msg);
      case '11':
        return this.circulation.checkout(session, msg);
      case '09':
        return this.circulation.checkin(session, msg);
      case '29':
        return this.circulation.renew(session, msg);
      case '17':
        return this.circulation.itemInformation(session, msg);
      default:
        throw new Error(`no handler for message ${msg.code}`);
    }
  }

  /** 99 → 98: on line, what this machine may do (checkin/checkout/renewal flags and BX), the city and the clock. */
  private async status(session: SipSession): Promise<Answer> {
    const machine = await this.tx.run(session, async (m) => m);
    const yn = (b: boolean) => (b ? 'Y' : 'N');
    return {
      code: 'OK',
      message: {
        code: '98',
        fixed: {
          onlineStatus: 'Y',
          checkinOk: yn(machine.permissions.checkin),
          checkoutOk: yn(machine.permissions.checkout),
          acsRenewalPolicy: yn(machine.permissions.renew),
          statusUpdateOk: 'N',
          offlineOk: 'N',
          timeoutPeriod: TIMEOUT_PERIOD,
          retriesAllowed: RETRIES_ALLOWED,
          dateTimeSync: sipNow(),
          protocolVersion: '2.00',
        },
        fields: [
          [FIELD.institutionId, session.tenant.slug],
          [FIELD.libraryName, session.tenant.name],
          [FIELD.supportedMessages, supportedMessages(served(machine))],
          [FIELD.terminalLocation, machine.branchCode],
        ],
      },
    };
  }
}
