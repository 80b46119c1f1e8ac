/** Topic lexicon choices a news editor would make: what each economic topic should and should not claim. */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';

const classifier = createClassifier();
const topicsOf = (title: string, text: string): string[] =>
  classifier.classify({ title, text }).topics.map((topic) => topic.id);

describe('topic lexicon', () => {
  it('does not file company results under economy-finance', () => {
    // Prepare
    const title = 'Acme Tools raises dividend after record profit';
    const text =
      'Acme Tools Inc said fourth quarter net income rose to 12.4 mln dlrs, or 85 cts a share, on revenue of 140 mln dlrs. ' +
      'Full-year earnings rose 18 pct and the board raised the quarterly dividend to 20 cts a share. ' +
      'Profit margins improved as shares of its new product line grew.';

    // Act
    const topics = topicsOf(title, text);

    // Assess
    expect(topics).not.toContain('economy-finance');
  });

  it('files takeover wire copy under investment', () => {
    // Prepare
    const title = 'Borealis Corp makes tender offer for Northwind';
    const text =
      'Borealis Corp said it began a tender offer of 31 dlrs a share for all outstanding shares of Northwind Inc. ' +
      'Borealis already holds a 12 pct stake and said the merger agreement was approved by both boards.';

    // Act
    const topics = topicsOf(title, text);

    // Assess
    expect(topics).toContain('investment');
  });

  it('files a unit sale under investment', () => {
    // Prepare
    const title = 'Harbor Industries sells unit';
    const text =
      'Harbor Industries said it agreed to sell its packaging unit to Delta Holdings for an undisclosed amount.';

    // Act
    const topics = topicsOf(title, text);

    // Assess
    expect(topics).toContain('investment');
  });

  it('files central bank money-market operations under economy-finance', () => {
    // Prepare
    const title = 'Fed adds reserves via customer repurchase agreements';
    const text =
      'The Federal Reserve entered the government securities market to arrange two billion dlrs of customer repurchase agreements. ' +
      'Federal funds were trading at 6-1/8 pct when the Fed began its temporary operation.';

    // Act
    const topics = topicsOf(title, text);

    // Assess
    expect(topics).toContain('economy-finance');
  });

  it('files a headline economic indicator under economy-finance on its own', () => {
    // Prepare
    const title = 'Industrial production rises 1.2 pct in March';
    const text =
      'Industrial production rose 1.2 pct in March after a fall of 0.4 pct in February, the statistics office said.';

    // Act
    const topics = topicsOf(title, text);

    // Assess
    expect(topics).toContain('economy-finance');
  });

  it('does not file a commodity export-sales report under trade, but does file a tariff dispute', () => {
    // Prepare
    const sales = {
      title: 'Exporters report wheat sales',
      text: 'Private exporters reported export sales of 150,000 tonnes of wheat for shipment in May. Exports for the season stand at 20 mln tonnes.',
    };
    const dispute = {
      title: 'Talks fail to settle tariff row',
      text: 'Trade talks between the two governments ended without agreement, and officials warned that new tariffs on steel imports would take effect next month.',
    };

    // Act
    const salesTopics = topicsOf(sales.title, sales.text);
    const disputeTopics = topicsOf(dispute.title, dispute.text);

    // Assess
    expect(salesTopics).not.toContain('trade');
    expect(disputeTopics).toContain('trade');
  });

  it('files tanker-war stories under energy-mining', () => {
    // Prepare
    const title = 'Navy to escort tankers through the Gulf';
    const text =
      'Warships will escort the tankers past the missile batteries, officials said. A supertanker hit last week has resumed its voyage.';

    // Act
    const topics = topicsOf(title, text);

    // Assess
    expect(topics).toContain('energy-mining');
  });
});
