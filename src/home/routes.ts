import { PUBLIC, type Routes } from '../http/routes.ts';
import { countReferenceFigures, listSpecialisations } from '../taxonomy/queries.ts';
import { render } from '../web/render.ts';

export function registerHomeRoutes(routes: Routes): void {
  routes.add({ method: 'get', path: '/', kind: 'page', access: PUBLIC, summary: 'Start page' }, async (c) => {
    const { db } = c.get('deps');
    const english = c.get('lang') === 'en';
    const [figures, specialisations] = await Promise.all([countReferenceFigures(db), listSpecialisations(db)]);
    return render(c, 'pages/home', {
      nav: 'home',
      specialisations: specialisations.map((s) => ({
        name: english ? s.nameEn : s.nameSv,
        focusAreas: s.focusAreas.map((f) => ({ name: english ? f.nameEn : f.nameSv })),
      })),
      figures: { ...figures, regionName: (english ? figures.regionNameEn : figures.regionNameSv) ?? '' },
    });
  });
}
