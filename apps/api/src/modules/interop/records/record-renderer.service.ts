import { Injectable } from '@nestjs/common';
import { currentTenant } from '@shiori/tenancy';
import { ExportRecord, RecordsExportService } from '../../catalog';
import type { RecordFormat } from './formats';
import { RecordContext } from './record-context';

/** How long a city's material type names are reused (they change when a librarian edits them). */
const NAMES_TTL_MS = 60_000;

/**
 * Renders records of the current city in a record format: the city's library name, the
 * record's OPAC page under the public base URL, and the city's names for material types.
 */
@Injectable()
export class RecordRenderer {
  private readonly names = new Map<string, { at: number; names: Map<string, string> }>();

  constructor(private readonly exporter: RecordsExportService) {}

  /** Material type code → its Japanese name in the current city (the code when it has none). */
  async typeNames(): Promise<Map<string, string>> {
    const tenant = currentTenant();
    const cached = this.names.get(tenant.id);
    if (cached && Date.now() - cached.at < NAMES_TTL_MS) return cached.names;
    const names = new Map((await this.exporter.materialTypes()).map((m) => [m.code, m.name.ja] as [string, string]));
    this.names.set(tenant.id, { at: Date.now(), names });
    return names;
  }

  context(baseUrl: string, liveHoldings: boolean): RecordContext {
    const { name, slug } = currentTenant();
    return { libraryName: name, recordUrl: (id) => `${baseUrl}/opac/${slug}/records/${id}`, liveHoldings };
  }

  async renderer(baseUrl: string, liveHoldings: boolean, protocol: 'sru' | 'oai') {
    const ctx = this.context(baseUrl, liveHoldings);
    const names = await this.typeNames();
    return (r: ExportRecord, format: RecordFormat) => format.render(r, ctx, names.get(r.materialType) ?? r.materialType, protocol);
  }
}
