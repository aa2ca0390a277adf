import { Router, type Request, type Response } from 'express';
import type { AuthService } from '../services/auth-service';

interface Credentials {
  email: string;
  password: string;
}

export function authRouter(auth: AuthService): Router {
  const router = Router();

  router.post('/login', async (req: Request<unknown, unknown, Credentials>, res: Response) => {
    const userId = await auth.verify(req.body.email, req.body.password);
    if (userId === null) return void res.status(401).json({ error: 'invalid credentials' });
    res.json({ userId });
  });

  router.put('/users/:id/password', async (req: Request<{ id: string }, unknown, Pick<Credentials, 'password'>>, res: Response) => {
    await auth.setPassword(Number(req.params.id), req.body.password);
    res.status(204).end();
  });

  return router;
}
