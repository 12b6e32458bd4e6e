/**
 * The add-in manifest: read offline by office-addin-manifest (the XML path of its `validate` needs Microsoft's network
 * service), checked for one https origin and resolvable resource ids, and validated with xmllint against Microsoft's
 * XSDs from ../shared when they are there, patched in a temporary copy as their PROVENANCE documents.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { beforeAll, describe, expect, it } from 'vitest';
import { toolAvailable } from '../helpers/tools.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MANIFEST = join(ROOT, 'manifest.xml');
const XSD_DIR = join(ROOT, '..', 'shared', 'data', 'real', 'office-addin-xsd');
const xml = readFileSync(MANIFEST, 'utf8');

describe('manifest.xml', () => {
  it('reads offline as an Excel task pane with a stable id, version and permissions', async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.version).toBe('0.1.0.0');
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultLocale).toBe('sv-SE');
    expect(info.displayName).toBe('Nytta – nyttorealisering');
    expect(info.defaultSettings?.sourceLocation).toBe('https://localhost:3000/addin/taskpane.html');
  });

  it('names itself in Swedish with an English override, and asks for the ExcelApi set the code needs', () => {
    expect(xml).toMatch(
      /<DisplayName DefaultValue="Nytta – nyttorealisering">\s*<Override Locale="en-US" Value="Nytta – benefits realisation"\/>/,
    );
    expect(xml).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.7"\/>/);
  });

  it("runs the task pane and =NYTTA.SERIE in one shared runtime, the functions' metadata beside them", () => {
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
    expect(xml).toMatch(/<Runtimes>\s*<Runtime resid="Taskpane\.Url" lifetime="long"\/>\s*<\/Runtimes>/);
    expect(xml).toMatch(
      /<ExtensionPoint xsi:type="CustomFunctions">[^]*<Page>\s*<SourceLocation resid="Taskpane\.Url"\/>[^]*<Namespace resid="Functions\.Namespace"\/>/,
    );
    expect(xml).toContain('<bt:String id="Functions.Namespace" DefaultValue="NYTTA"/>');
    expect(xml).toContain('<FunctionFile resid="Taskpane.Url"/>');
  });

  it('has every URL on one https origin, icons at 16, 32 and 80 px that exist, and every resid defined', () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(6);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
    expect(new Set(urls.map((u) => new URL(u).origin))).toEqual(new Set(['https://localhost:3000']));
    for (const size of [16, 32, 80]) {
      const m = new RegExp(
        `<bt:Image id="Icon\\.${size}x${size}" DefaultValue="https://localhost:3000/addin/assets/(icon-${size}\\.png)"/>`,
      ).exec(xml);
      expect(m, `icon ${size}`).not.toBeNull();
      const png = readFileSync(join(ROOT, 'addin', 'assets', m![1]));
      // PNG signature, then the IHDR width and height.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ids = new Set([...xml.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(resids.length).toBeGreaterThan(10);
    expect(resids.filter((r) => !ids.has(r))).toEqual([]);
  });

  const schemas = existsSync(XSD_DIR);
  if (!schemas)
    console.warn(
      `\n*** HOPPAR ÖVER XSD-validering av manifest.xml: ${XSD_DIR} saknas (../shared bredvid projektet behövs för just den här kontrollen). ***\n`,
    );
  describe.runIf(schemas && toolAvailable('xmllint', ['--version'], 'libxml2-utils'))(
    "against Microsoft's schemas (xmllint --nonet)",
    () => {
      /** A temporary copy of the schemas with the patches their PROVENANCE lists. */
      function patchedSchemas(): string {
        const dir = mkdtempSync(join(tmpdir(), 'nytta-xsd-'));
        for (const f of readdirSync(XSD_DIR).filter((f) => f.endsWith('.xsd'))) copyFileSync(join(XSD_DIR, f), join(dir, f));
        for (const f of readdirSync(dir)) {
          const text = readFileSync(join(dir, f), 'utf8')
            // 1. Four files name the XML Schema namespace with https, which no validator recognises.
            .replace('xmlns:xs="https://www.w3.org/2001/XMLSchema"', 'xmlns:xs="http://www.w3.org/2001/XMLSchema"')
            // 2. A lazy quantifier in the version pattern: valid for .NET, not in XSD regular expressions.
            .replaceAll('{0,3}?', '{0,3}');
          writeFileSync(join(dir, f), text);
        }
        // 3. The content add-in schema was never published with the others; a stand-in lets the main schema compile.
        writeFileSync(
          join(dir, 'ContentAppVersionOverridesV1_0.xsd'),
          '<?xml version="1.0" encoding="utf-8"?>\n<xs:schema targetNamespace="http://schemas.microsoft.com/office/contentappversionoverrides" elementFormDefault="qualified" xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="VersionOverrides" type="xs:anyType"/>\n</xs:schema>\n',
        );
        // 4. The 2019 schemas predate the shared runtime: Runtimes/Runtime (resid required, lifetime short or long) join the
        //    Host type, after the fragments published in [MS-OWEMXML].
        const taskpane = join(dir, 'TaskPaneAppVersionOverridesV1_0.xsd');
        let text = readFileSync(taskpane, 'utf8');
        const host = text.indexOf('<xs:complexType name="Host" abstract="true">');
        const sequence = text.indexOf('<xs:sequence>', host) + '<xs:sequence>'.length;
        text = `${text.slice(0, sequence)}\n      <xs:element name="Runtimes" type="Runtimes" minOccurs="0" maxOccurs="1"/>${text.slice(sequence)}`;
        text = text.replace(
          '</xs:schema>',
          `  <xs:complexType name="Runtimes"><xs:sequence minOccurs="1" maxOccurs="unbounded"><xs:element name="Runtime" type="Runtime"/></xs:sequence></xs:complexType>
  <xs:complexType name="Runtime">
    <xs:sequence><xs:any minOccurs="0" maxOccurs="unbounded" processContents="lax"/></xs:sequence>
    <xs:attribute name="resid" type="bt:URLReferenceId" use="required"/>
    <xs:attribute name="lifetime" use="optional"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="short"/><xs:enumeration value="long"/></xs:restriction></xs:simpleType></xs:attribute>
  </xs:complexType>
</xs:schema>`,
        );
        writeFileSync(taskpane, text);
        return dir;
      }
      const validate = (file: string) =>
        spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(dir, 'OfficeAppManifestV1_1.xsd'), file], { encoding: 'utf8' });
      // In a hook, not at collection: a skipped suite's body is still collected, and then ../shared may be missing.
      let dir = '';
      beforeAll(() => {
        dir = patchedSchemas();
      });

      it('validates', () => {
        const result = validate(MANIFEST);
        expect(result.stderr.trim()).toBe(`${MANIFEST} validates`);
        expect(result.status).toBe(0);
      });

      it('and the schemas do reject a broken manifest (no Id; elements out of order; a runtime lifetime that does not exist)', () => {
        const broken = join(dir, 'broken.xml');
        writeFileSync(broken, xml.replace(/<Id>[^<]+<\/Id>/, ''));
        expect(validate(broken).status).not.toBe(0);
        writeFileSync(broken, xml.replace(/(<Version>[^<]+<\/Version>)(\s*)(<ProviderName>[^<]+<\/ProviderName>)/, '$3$2$1'));
        const result = validate(broken);
        expect(result.status).not.toBe(0);
        expect(result.stderr).toMatch(/ProviderName.*This element is not expected/);
        writeFileSync(broken, xml.replace('lifetime="long"', 'lifetime="forever"'));
        expect(validate(broken).status).not.toBe(0);
      });
    },
  );
});
