import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../../engine/errors/domain-error';
import { REGION_CODE } from './dto/region.dto';
import { RegionErrors } from './region.errors';

/** A region code in the path: one that cannot exist is simply not found (404 REGION_NOT_FOUND, problem+json). */
@Injectable()
export class RegionCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !REGION_CODE.test(value)) throw new DomainError(RegionErrors.REGION_NOT_FOUND);
    return value;
  }
}
