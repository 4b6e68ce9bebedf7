import { PUBLIC, type Routes } from '../http/routes.ts';
import { stockholmDay } from '../placements/index.ts';
import { countReferenceFigures, listSpecialisations } from '../taxonomy/index.ts';
import { render } from '../web/render.ts';

export function registerHomeRoutes(routes: Routes): void {
  routes.add({ method: 'get', path: '/', kind: 'page', access: PUBLIC, summary: 'Start page' }, async (c) => {
    const { db, now } = c.get('deps');
    const english = c.get('lang') === 'en';
    const [figures, specialisations, openPlacements] = await Promise.all([
      countReferenceFigures(db),
      listSpecialisations(db),
      // Open as the public list counts them: not withdrawn or closed, and the deadline not passed.
      db
        .selectFrom('placements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'open')
        .where('apply_by', '>=', stockholmDay(now()))
        .executeTakeFirstOrThrow(),
    ]);
    return render(c, 'pages/home', {
      nav: 'home',
      specialisations: specialisations.map((s) => ({
        name: english ? s.nameEn : s.nameSv,
        focusAreas: s.focusAreas.map((f) => ({ name: english ? f.nameEn : f.nameSv })),
      })),
      figures: {
        ...figures,
        openPlacements: Number(openPlacements.n),
        regionName: (english ? figures.regionNameEn : figures.regionNameSv) ?? '',
      },
    });
  });
}
