// xl/sharedStrings.xml, streamed through saxes: one string per `<si>`. A plain `<si><t>…</t></si>` gives its
// text; a rich-text one (`<r>` runs) the runs' texts joined; phonetic guides (`<rPh>`, the furigana/pinyin
// runs) are left out. That is what SheetJS gives as a shared string cell's `v`.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { corruptXml } from './workbookPart';
import { decodeXlsxString, localName } from './xlsxText';

/** Feeds chunks of the part; `strings` holds the table once `end()` has returned. */
export class SharedStringsParser {
  readonly strings: string[] = [];
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private inSi = false;
  /** The first element inside the `<si>` was a `<t>`: SheetJS then takes that `<t>` alone. */
  private plain = false;
  private plainDone = false;
  private seenChild = false;
  private phoneticDepth = 0;
  private inText = false;
  private text = '';

  constructor(private readonly part: string) {
    this.parser.on('opentag', (tag: SaxesTagPlain) => this.open(localName(tag.name)));
    this.parser.on('closetag', (tag: SaxesTagPlain) => this.close(localName(tag.name)));
    this.parser.on('text', (t: string) => this.onText(t));
    this.parser.on('cdata', (t: string) => this.onText(t));
  }

  write(chunk: string): void {
    try {
      this.parser.write(chunk);
    } catch (e) {
      throw corruptXml(this.part, e);
    }
  }

  end(): string[] {
    try {
      this.parser.close();
    } catch (e) {
      throw corruptXml(this.part, e);
    }
    return this.strings;
  }

  private open(name: string): void {
    if (name === 'si') {
      this.inSi = true;
      this.plain = this.plainDone = this.seenChild = false;
      this.phoneticDepth = 0;
      this.text = '';
      return;
    }
    if (!this.inSi) return;
    if (!this.seenChild) {
      this.seenChild = true;
      this.plain = name === 't';
    }
    if (name === 'rPh') this.phoneticDepth++;
    else if (name === 't' && this.phoneticDepth === 0 && !this.plainDone) this.inText = true;
  }

  private close(name: string): void {
    if (name === 'si') {
      this.strings.push(decodeXlsxString(this.text));
      this.inSi = this.inText = false;
    } else if (name === 'rPh') this.phoneticDepth--;
    else if (name === 't' && this.inText) {
      this.inText = false;
      if (this.plain) this.plainDone = true;
    }
  }

  private onText(t: string): void {
    if (this.inText) this.text += t;
  }
}
