import { Injectable } from '@nestjs/common';
import { CourierService } from '../region';

/** One end of a courier trip: a city and (where known) its branch. */
export interface CourierStop {
  slug: string;
  branch: string | null;
}

/** When a parcel handed over on `handedOver` leaves and arrives, by the region's courier timetable. */
export interface CourierDates {
  regionCode: string;
  departs: string;
  arrives: string;
}

/**
 * The one place the ILL module asks the courier timetable (連絡車) when something sent will
 * arrive: the region module's CourierService (the earliest arrival over the regions the two
 * cities share; null when no courier calls at both).
 */
@Injectable()
export class IllCourierDates {
  constructor(private readonly courier: CourierService) {}

  async expectedArrival(q: { from: CourierStop; to: CourierStop; handedOver: string }): Promise<CourierDates | null> {
    const found = await this.courier.expectedArrival(q);
    return found ? { regionCode: found.regionCode, departs: found.departs, arrives: found.arrives } : null;
  }
}
