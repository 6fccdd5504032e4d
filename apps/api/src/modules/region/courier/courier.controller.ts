import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CourierArrival, CourierTimetableView } from '@shiori/contracts';
import { PlatformAdmin } from '../../../engine/auth/auth.decorators';
import { RegionCodePipe } from '../region-code.pipe';
import { CourierArrivalQueryDto, PutCourierDto } from './courier.dto';
import { CourierService } from './courier.service';
import { ApiAnswer } from '../../../engine/openapi/api-answer';

const library = (ref: string) => {
  const [city, branch] = ref.split(':');
  return { city, branch };
};

/** The region's courier timetable (連絡車), for regional IT. */
@ApiTags('platform')
@Controller('platform/regions/:code/courier')
export class CourierController {
  constructor(private readonly courier: CourierService) {}

  /**
   * `{region, sameDayHandover, updatedAt, runs:[{name, weekday, weeks, dates, note, pattern:{ja,en},
   * stops:[{city, branch, cityName, branchName, branchNameEn, member}]}], closures:[{first,last,note}],
   * members:[{city, cityName, status, branches:[{code,name,nameEn,active}]}]}`.
   */
  @PlatformAdmin()
  @Get() @ApiAnswer('CourierTimetableView')
  @ApiOperation({ summary: 'the courier timetable of a region, with its member libraries' })
  @ApiOkResponse({ description: 'runs with their stops named, closures, and each member city’s branches' })
  get(@Param('code', RegionCodePipe) code: string): Promise<CourierTimetableView> {
    return this.courier.view(code);
  }

  /** The whole timetable, replaced; 422 COURIER_INVALID with field errors (`runs.1.stops.2` …); audited as region.courier. */
  @PlatformAdmin()
  @Put() @ApiAnswer('CourierTimetableView')
  @ApiOperation({ summary: 'replace the courier timetable of a region' })
  @ApiOkResponse({ description: 'the timetable as GET answers it' })
  put(@Param('code', RegionCodePipe) code: string, @Body() body: PutCourierDto): Promise<CourierTimetableView> {
    return this.courier.put(code, body);
  }

  /** `{regionCode, handedOver, from, to, departs:{date, run:{name, pattern}}, arrives:{…}}`; 422 COURIER_NO_ROUTE when no run calls at both. */
  @PlatformAdmin()
  @Get('arrival') @ApiAnswer('CourierArrival')
  @ApiOperation({ summary: 'when something handed over at one member library leaves and arrives at another (次の便)' })
  @ApiOkResponse({ description: 'the departure and arrival days and runs' })
  arrival(@Param('code', RegionCodePipe) code: string, @Query() q: CourierArrivalQueryDto): Promise<CourierArrival> {
    return this.courier.arrival(code, library(q.from), library(q.to), q.date);
  }
}
