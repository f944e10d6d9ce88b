// A stateful fake of the parts of the GitHub REST and GraphQL APIs the action
// uses, served over real HTTP on 127.0.0.1 so octokit runs unmodified. It
// keeps the rules that matter to the action: fast-forward checks on ref
// updates, 403 for writes the token may not make (with GitHub's
// "Resource not accessible by integration" and x-accepted-github-permissions),
// 403 on GET /user for an app token, Link-header pagination of comments,
// merge bases and first-parent history (with commit messages), issues (listed
// with the pull requests among them, as GitHub lists them; opened, edited,
// closed; issues: write to change them), refs outside refs/heads/ with a
// GraphQL compare-and-swap (updateRefs with beforeOid), rulesets that refuse
// ref updates, and reachability (which objects a clone of some refs would
// fetch). Faults (5xx bursts, rate limits, races, a 5xx after the write was
// applied) are injected per test.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeToken {
  login: string;
  /** 'app' behaves like GITHUB_TOKEN: GET /user answers 403. */
  kind: 'app' | 'user';
  contents: 'read' | 'write';
  pullRequests: 'read' | 'write';
  issues: 'read' | 'write';
  /** What GraphQL's viewer { login } answers; defaults to login. */
  viewerLogin?: string;
}

export interface Fault {
  method?: string;
  /** Matched against the path without the query string. */
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  times: number;
  /** For POST /graphql: matched against the query text. */
  query?: RegExp;
  /** Apply the request, then answer with the failure (a 5xx that still created the comment). */
  applied?: boolean;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  login: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  login: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  status: number;
}

type GitObject =
  | { type: 'blob'; content: Buffer }
  | { type: 'tree'; files: Map<string, string> }
  | { type: 'commit'; tree: string; parents: string[]; message: string };

export interface FakePullRequest {
  number: number;
  headSha: string;
  baseSha: string;
  /** owner/name of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  headRef: string;
  baseRef: string;
  title: string;
  state: 'open' | 'closed';
}

export interface FakeWorkflowRun {
  id: number;
  /** The workflow's name (what GITHUB_WORKFLOW says in that run). */
  name: string;
  /** The workflow file; default .github/workflows/ci.yml (the harness's default). */
  path?: string;
  event: string;
  headSha: string;
  headBranch: string;
  headRepo: string | null;
}

export const APP_BOT_LOGIN = 'github-actions[bot]';

/** A job of a workflow run, as the jobs API lists it; its failure annotations are its check run's. */
export interface FakeJob {
  id: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
  steps: Array<{ name: string; conclusion: string | null }>;
  /** ::error lines of the job, as GitHub turns them into check-run annotations. */
  errors: string[];
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function gitHash(type: string, content: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]))
    .digest('hex');
}

/** One page of a listing as GitHub pages it (per_page at most 100, page from 1), with the link to the next page when there is one. */
function pageOf<T>(url: URL, listed: readonly T[]): { headers: Record<string, string>; slice: T[] } {
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
  const page = Number(url.searchParams.get('page') ?? 1);
  const headers: Record<string, string> = {};
  if (page * perPage < listed.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return { headers, slice: listed.slice((page - 1) * perPage, page * perPage) };
}

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch = 'main';
  url = '';
  readonly tokens = new Map<string, FakeToken>();
  readonly requests: FakeRequest[] = [];
  readonly comments: FakeComment[] = [];
  /** Issues (not pull requests), by number; numbered from 500 so they never meet a test's pull request numbers. */
  readonly issues = new Map<number, FakeIssue>();
  private nextIssueNumber = 500;
  readonly objects = new Map<string, GitObject>();
  readonly refs = new Map<string, string>();
  readonly pulls = new Map<number, FakePullRequest>();
  /** Workflow runs by id, as GET /actions/runs/{id} answers them. */
  readonly workflowRuns = new Map<number, FakeWorkflowRun>();
  /** Fully qualified ref names a ruleset protects: updates to them are refused as GitHub does. */
  readonly rulesets: RegExp[] = [];
  /** Before each of the next `times` GraphQL ref updates of `ref`, another writer moves it first. */
  racingWriter?: { ref: string; times: number };
  readonly faults: Fault[] = [];
  /** Milliseconds every answer waits (a benchmark's stand-in for the network; 0 in tests). */
  latencyMs = 0;
  /** Jobs per workflow run id. */
  readonly jobs = new Map<string, FakeJob[]>();
  private nextJobId = 5000;
  /** Runs (once each) when a ref update arrives, before it is applied: lets a test win a race against the action. */
  readonly beforeRefUpdate: Array<() => Promise<void>> = [];
  private nextCommentId = 1000;
  private clock = Date.parse('2026-01-01T00:00:00Z');
  private server?: Server;

  private constructor(owner: string, repo: string) {
    this.owner = owner;
    this.repo = repo;
  }

  static async start(options: { owner?: string; repo?: string } = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options.owner ?? 'octo-org', options.repo ?? 'planets');
    fake.server = createServer((request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `fake crashed: ${String(error)}` }));
      });
    });
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  addToken(token: string, spec: Partial<FakeToken> = {}): void {
    this.tokens.set(token, {
      login: APP_BOT_LOGIN,
      kind: 'app',
      contents: 'write',
      pullRequests: 'write',
      issues: 'write',
      ...spec,
    });
  }

  /** A commit of the repository's own history (an empty tree is enough for history questions). */
  addCommit(parents: string[], message: string): string {
    const tree = this.storeTree(new Map());
    return this.storeCommit(tree, parents, message);
  }

  addPullRequest(
    number: number,
    headSha: string,
    baseSha: string,
    headRepo: string | null = `${this.owner}/${this.repo}`,
    more: Partial<Pick<FakePullRequest, 'headRef' | 'baseRef' | 'title'>> = {},
  ): void {
    const earlier = this.pulls.get(number);
    this.pulls.set(number, {
      number, headSha, baseSha, headRepo, state: 'open',
      headRef: more.headRef ?? earlier?.headRef ?? `branch-${number}`,
      baseRef: more.baseRef ?? earlier?.baseRef ?? this.defaultBranch,
      title: more.title ?? earlier?.title ?? `Pull request ${number}`,
    });
  }

  addWorkflowRun(run: FakeWorkflowRun): void {
    this.workflowRuns.set(run.id, run);
  }

  closePullRequest(number: number): void {
    const pull = this.pulls.get(number);
    if (pull) pull.state = 'closed';
  }

  /** A ref's commit; `ref` is fully qualified (refs/…) or short (heads/x). */
  refHead(ref: string): string | undefined {
    return this.refs.get(ref.replace(/^refs\//, ''));
  }

  /** Every object reachable from the refs `select` accepts: what a clone fetching those refs downloads. */
  reachableObjects(select: (ref: string) => boolean): Set<string> {
    const seen = new Set<string>();
    const queue = [...this.refs].filter(([ref]) => select(`refs/${ref}`)).map(([, sha]) => sha);
    while (queue.length > 0) {
      const sha = queue.pop()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const object = this.objects.get(sha);
      if (!object) continue;
      if (object.type === 'commit') queue.push(object.tree, ...object.parents);
      if (object.type === 'tree') queue.push(...object.files.values());
    }
    return seen;
  }

  /** Bytes of the objects as git would store them before compression (blob content, tree entries, commit text). */
  objectBytes(shas: Iterable<string>): number {
    let total = 0;
    for (const sha of shas) {
      const object = this.objects.get(sha);
      if (!object) continue;
      if (object.type === 'blob') total += object.content.length;
      // A git tree entry is "<mode> <name>\0" plus 20 bytes of SHA; a commit about 50 bytes per parent plus the rest.
      else if (object.type === 'tree') for (const path of object.files.keys()) total += 7 + path.length + 1 + 20;
      else total += 46 + 48 * object.parents.length + 120 + object.message.length;
    }
    return total;
  }

  /** Records a job of a workflow run (the test plays the runner, which reports jobs to GitHub). */
  addJob(runId: string, job: Omit<FakeJob, 'id' | 'steps' | 'errors'> & Partial<Pick<FakeJob, 'steps' | 'errors'>>): FakeJob {
    const entry: FakeJob = { id: this.nextJobId++, steps: [], errors: [], ...job };
    this.jobs.set(runId, [...(this.jobs.get(runId) ?? []), entry]);
    return entry;
  }

  addComment(issue: number, body: string, login: string): FakeComment {
    const now = this.tick();
    const comment = { id: this.nextCommentId++, issue, body, login, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }

  deleteComment(id: number): void {
    const index = this.comments.findIndex((comment) => comment.id === id);
    if (index >= 0) this.comments.splice(index, 1);
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((comment) => comment.issue === issue);
  }

  branchHead(branch: string): string | undefined {
    return this.refs.get(`heads/${branch}`);
  }

  /** Files at the records store's head. */
  storeFiles(ref = 'refs/train-and-report/records'): Map<string, Buffer> {
    const head = this.refHead(ref);
    return head ? this.filesAt(head) : new Map();
  }

  /** Files of a commit (or branch) as path → content. */
  filesAt(refOrSha: string): Map<string, Buffer> {
    const commitSha = this.resolveCommit(refOrSha);
    const result = new Map<string, Buffer>();
    if (!commitSha) return result;
    for (const [path, blobSha] of this.treeFiles(this.commit(commitSha).tree)) {
      result.set(path, (this.objects.get(blobSha) as { content: Buffer }).content);
    }
    return result;
  }

  /** First parents of a commit, newest first, including itself. */
  firstParentChain(sha: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = sha;
    while (current) {
      chain.push(current);
      current = this.commit(current).parents[0];
    }
    return chain;
  }

  failNext(fault: Fault): void {
    this.faults.push(fault);
  }

  countRequests(method: string, path: RegExp): number {
    return this.requests.filter((request) => request.method === method && path.test(request.path)).length;
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private commit(sha: string): Extract<GitObject, { type: 'commit' }> {
    const object = this.objects.get(sha);
    if (!object || object.type !== 'commit') throw new HttpFailure(404, 'Not Found');
    return object;
  }

  private treeFiles(sha: string): Map<string, string> {
    const object = this.objects.get(sha);
    if (!object || object.type !== 'tree') throw new HttpFailure(404, 'Not Found');
    return object.files;
  }

  private storeTree(files: Map<string, string>): string {
    const canonical = JSON.stringify([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sha = gitHash('tree', Buffer.from(canonical));
    this.objects.set(sha, { type: 'tree', files: new Map(files) });
    return sha;
  }

  private storeCommit(tree: string, parents: string[], message: string): string {
    const stamp = this.tick();
    const sha = gitHash('commit', Buffer.from(JSON.stringify({ tree, parents, message, stamp })));
    this.objects.set(sha, { type: 'commit', tree, parents, message });
    return sha;
  }

  private resolveCommit(refOrSha: string): string | undefined {
    const fromRef = this.refs.get(`heads/${refOrSha}`) ?? this.refs.get(refOrSha.replace(/^refs\//, ''));
    if (fromRef) return fromRef;
    return this.objects.get(refOrSha)?.type === 'commit' ? refOrSha : undefined;
  }

  private isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const queue = [descendant];
    while (queue.length > 0) {
      const sha = queue.shift()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...this.commit(sha).parents);
    }
    return false;
  }

  private ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const current = queue.shift()!;
      if (seen.has(current)) continue;
      seen.add(current);
      queue.push(...this.commit(current).parents);
    }
    return seen;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    let status = 200;
    let headers: Record<string, string> = {};
    let payload: unknown;
    try {
      const token = this.authenticate(request.headers.authorization);
      const fault = this.faults.find(
        (candidate) =>
          (!candidate.method || candidate.method === method) &&
          candidate.path.test(decodeURIComponent(url.pathname)) &&
          (!candidate.query || candidate.query.test(String(body.query ?? ''))),
      );
      if (fault) {
        fault.times -= 1;
        if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
        if (fault.applied) await this.route(method, url, body, token);
        throw new HttpFailure(fault.status, fault.message ?? 'Server Error', fault.headers);
      }
      const result = await this.route(method, url, body, token);
      status = result.status ?? 200;
      headers = result.headers ?? {};
      payload = result.body;
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      status = error.status;
      headers = error.headers;
      payload = { message: error.message, documentation_url: 'https://docs.github.com/rest' };
    }
    this.requests.push({ method, path: decodeURIComponent(url.pathname), status });
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(status === 204 ? undefined : JSON.stringify(payload));
  }

  private authenticate(header: string | undefined): FakeToken {
    const token = header?.replace(/^(token|bearer) /i, '');
    const known = token ? this.tokens.get(token) : undefined;
    if (!known) throw new HttpFailure(401, 'Bad credentials');
    return known;
  }

  private requireWrite(token: FakeToken, permission: 'contents' | 'pullRequests' | 'issues'): void {
    if (token[permission] === 'write') return;
    const name = permission === 'pullRequests' ? 'pull_requests' : permission;
    throw new HttpFailure(403, 'Resource not accessible by integration', {
      'x-accepted-github-permissions': `${name}=write`,
    });
  }

  private commentJson(comment: FakeComment): unknown {
    return {
      id: comment.id,
      body: comment.body,
      user: { login: comment.login, type: comment.login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      html_url: `https://github.example/${this.owner}/${this.repo}/pull/${comment.issue}#issuecomment-${comment.id}`,
    };
  }

  private issueJson(issue: FakeIssue): unknown {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.stateReason,
      user: { login: issue.login, type: issue.login.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.example/${this.owner}/${this.repo}/issues/${issue.number}`,
    };
  }

  /** An issue written by someone (a person, or another bot): the action must not take it for its own. */
  addIssue(title: string, body: string, login: string): FakeIssue {
    const issue: FakeIssue = { number: this.nextIssueNumber++, title, body, state: 'open', stateReason: null, login };
    this.issues.set(issue.number, issue);
    return issue;
  }

  private checkRulesets(ref: string, failure: (message: string) => Error): void {
    if (this.rulesets.some((rule) => rule.test(ref))) {
      throw failure('Repository rule violations found\n\nCannot update this protected ref.\n\n');
    }
  }

  /** GraphQL: viewer, repository id, and updateRefs (atomic, beforeOid-checked, as GitHub documents it). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async graphql(query: string, variables: Record<string, any>, token: FakeToken): Promise<{ status?: number; body?: unknown }> {
    const failed = (message: string, type = 'UNPROCESSABLE') => ({ body: { data: { updateRefs: null }, errors: [{ type, path: ['updateRefs'], message }] } });
    if (query.includes('updateRefs')) {
      if (token.contents !== 'write') return failed('Resource not accessible by integration', 'FORBIDDEN');
      const hooks = this.beforeRefUpdate.splice(0);
      for (const hook of hooks) await hook();
      const updates = variables.input?.refUpdates as Array<{ name: string; beforeOid?: string; afterOid: string; force?: boolean }>;
      if (variables.input?.repositoryId !== 'R_fake' || !Array.isArray(updates)) return failed('Could not resolve to a Repository');
      for (const update of updates) {
        const name = update.name.replace(/^refs\//, '');
        if (this.racingWriter && this.racingWriter.ref === update.name && this.racingWriter.times > 0) {
          this.racingWriter.times -= 1;
          const current = this.refs.get(name);
          if (current) this.refs.set(name, this.storeCommit(this.commit(current).tree, [current], 'another job'));
        }
        if (!update.name.startsWith('refs/') || name.split('/').length < 2) return failed(`Invalid ref name ${update.name}`);
        if (this.rulesets.some((rule) => rule.test(update.name))) return failed('Repository rule violations found\n\nCannot update this protected ref.');
        const current = this.refs.get(name);
        const expected = update.beforeOid && /^0+$/.test(update.beforeOid) ? undefined : update.beforeOid;
        // GitHub answers a stale beforeOid with a generic error: nothing says "the ref moved".
        if (update.beforeOid !== undefined && current !== expected) return failed('Something went wrong while executing your query.', 'INTERNAL');
        if (this.objects.get(update.afterOid)?.type !== 'commit') return failed(`Could not resolve ${update.afterOid}`);
        if (current && !update.force && !this.isAncestor(current, update.afterOid)) return failed('Update is not a fast forward');
      }
      for (const update of updates) this.refs.set(update.name.replace(/^refs\//, ''), update.afterOid);
      return { body: { data: { updateRefs: { clientMutationId: null } } } };
    }
    if (query.includes('repository(')) {
      if (variables.owner !== this.owner || variables.name !== this.repo) return { body: { data: { repository: null }, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Repository' }] } };
      return { body: { data: { repository: { id: 'R_fake' } } } };
    }
    if (query.includes('viewer')) return { body: { data: { viewer: { login: token.viewerLogin ?? token.login } } } };
    throw new HttpFailure(400, 'the fake answers viewer, repository id and updateRefs only');
  }

  private async route(
    method: string,
    url: URL,
    body: Record<string, unknown>,
    token: FakeToken,
  ): Promise<{ status?: number; headers?: Record<string, string>; body?: unknown }> {
    // Octokit sends a ref like heads/x as heads%2Fx, which GitHub accepts.
    const path = decodeURIComponent(url.pathname);
    if (method === 'POST' && path === '/graphql') return this.graphql(String(body.query ?? ''), (body.variables ?? {}) as Record<string, any>, token); // eslint-disable-line @typescript-eslint/no-explicit-any
    if (method === 'GET' && path === '/user') {
      if (token.kind === 'app') throw new HttpFailure(403, 'Resource not accessible by integration');
      return { body: { login: token.login } };
    }
    const prefix = `/repos/${this.owner}/${this.repo}`;
    if (!path.startsWith(prefix + '/')) throw new HttpFailure(404, 'Not Found');
    const rest = path.slice(prefix.length);
    let match: RegExpMatchArray | null;

    if ((match = rest.match(/^\/issues\/(\d+)\/comments$/))) {
      const issue = Number(match[1]);
      if (method === 'GET') {
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
        const page = Number(url.searchParams.get('page') ?? 1);
        const all = this.commentsOn(issue);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          next.searchParams.set('per_page', String(perPage));
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        return { headers, body: slice.map((comment) => this.commentJson(comment)) };
      }
      if (method === 'POST') {
        // Commenting on an issue takes issues: write; on a pull request, pull-requests: write.
        this.requireWrite(token, this.issues.has(issue) ? 'issues' : 'pullRequests');
        const comment = this.addComment(issue, String(body.body), token.login);
        return { status: 201, body: this.commentJson(comment) };
      }
    }
    if ((match = rest.match(/^\/issues\/comments\/(\d+)$/)) && method === 'PATCH') {
      this.requireWrite(token, 'pullRequests');
      const comment = this.comments.find((candidate) => candidate.id === Number(match![1]));
      if (!comment) throw new HttpFailure(404, 'Not Found');
      if (comment.login !== token.login) throw new HttpFailure(403, 'Must have admin rights to Repository.');
      comment.body = String(body.body);
      comment.updatedAt = this.tick();
      return { body: this.commentJson(comment) };
    }
    if (rest === '/issues' && method === 'GET') {
      // GitHub lists pull requests among the issues, marked with a pull_request key.
      const state = url.searchParams.get('state') ?? 'open';
      const listed = [
        ...[...this.issues.values()].filter((issue) => state === 'all' || issue.state === state).map((issue) => this.issueJson(issue)),
        ...[...this.pulls.values()].filter((pull) => state === 'all' || pull.state === state).map((pull) => ({
          number: pull.number, title: pull.title, body: '', state: pull.state, user: { login: 'someone', type: 'User' }, pull_request: { url: '' },
          html_url: `https://github.example/${this.owner}/${this.repo}/pull/${pull.number}`,
        })),
      ];
      const { headers, slice } = pageOf(url, listed);
      return { headers, body: slice };
    }
    if (rest === '/issues' && method === 'POST') {
      this.requireWrite(token, 'issues');
      if (typeof body.title !== 'string' || body.title.trim() === '') throw new HttpFailure(422, 'Validation Failed: title');
      const issue = this.addIssue(body.title, String(body.body ?? ''), token.login);
      return { status: 201, body: this.issueJson(issue) };
    }
    if ((match = rest.match(/^\/issues\/(\d+)$/)) && method === 'PATCH') {
      this.requireWrite(token, 'issues');
      const issue = this.issues.get(Number(match[1]));
      if (!issue) throw new HttpFailure(404, 'Not Found');
      if (typeof body.title === 'string') issue.title = body.title;
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'open' || body.state === 'closed') {
        issue.state = body.state;
        issue.stateReason = body.state === 'closed' ? String(body.state_reason ?? 'completed') : 'reopened';
      }
      return { body: this.issueJson(issue) };
    }
    if (rest === '/pulls' && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const listed = [...this.pulls.values()].filter((pull) => state === 'all' || pull.state === state);
      const { headers, slice } = pageOf(url, listed);
      return { headers, body: slice.map((pull) => ({ number: pull.number, state: pull.state, head: { sha: pull.headSha } })) };
    }
    if ((match = rest.match(/^\/pulls\/(\d+)$/)) && method === 'GET') {
      const pull = this.pulls.get(Number(match[1]));
      if (!pull) throw new HttpFailure(404, 'Not Found');
      return {
        body: {
          number: pull.number,
          state: pull.state,
          title: pull.title,
          head: { sha: pull.headSha, ref: pull.headRef, repo: pull.headRepo === null ? null : { full_name: pull.headRepo } },
          base: { sha: pull.baseSha, ref: pull.baseRef, repo: { full_name: `${this.owner}/${this.repo}` } },
        },
      };
    }
    if ((match = rest.match(/^\/actions\/runs\/(\d+)$/)) && method === 'GET') {
      const run = this.workflowRuns.get(Number(match[1]));
      if (!run) throw new HttpFailure(404, 'Not Found');
      return {
        body: {
          id: run.id,
          name: run.name,
          path: run.path ?? '.github/workflows/ci.yml',
          event: run.event,
          status: 'completed',
          conclusion: 'success',
          head_sha: run.headSha,
          head_branch: run.headBranch,
          head_repository: run.headRepo === null ? null : { full_name: run.headRepo },
          repository: { full_name: `${this.owner}/${this.repo}` },
          // GitHub leaves this empty for runs from forks.
          pull_requests: [],
        },
      };
    }
    if ((match = rest.match(/^\/git\/ref\/(.+)$/)) && method === 'GET') {
      const sha = this.refs.get(match[1]);
      if (!sha) throw new HttpFailure(404, 'Not Found');
      return { body: { ref: `refs/${match[1]}`, object: { sha, type: 'commit' } } };
    }
    if (rest === '/git/refs' && method === 'POST') {
      this.requireWrite(token, 'contents');
      const ref = String(body.ref).replace(/^refs\//, '');
      if (ref.split('/').length < 2) throw new HttpFailure(422, 'Reference name must start with refs and have at least two slashes');
      this.checkRulesets(`refs/${ref}`, (message) => new HttpFailure(422, message));
      if (this.refs.has(ref)) throw new HttpFailure(422, 'Reference already exists');
      this.commit(String(body.sha));
      this.refs.set(ref, String(body.sha));
      return { status: 201, body: { ref: `refs/${ref}`, object: { sha: body.sha, type: 'commit' } } };
    }
    if ((match = rest.match(/^\/git\/refs\/(.+)$/)) && method === 'PATCH') {
      this.requireWrite(token, 'contents');
      const hooks = this.beforeRefUpdate.splice(0);
      for (const hook of hooks) await hook();
      const ref = match[1];
      this.checkRulesets(`refs/${ref}`, (message) => new HttpFailure(422, message));
      const current = this.refs.get(ref);
      if (!current) throw new HttpFailure(422, 'Reference does not exist');
      const next = String(body.sha);
      this.commit(next);
      if (!body.force && !this.isAncestor(current, next)) throw new HttpFailure(422, 'Update is not a fast forward');
      this.refs.set(ref, next);
      return { body: { ref: `refs/${ref}`, object: { sha: next, type: 'commit' } } };
    }
    if (rest === '/git/blobs' && method === 'POST') {
      this.requireWrite(token, 'contents');
      const content = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8');
      const sha = gitHash('blob', content);
      this.objects.set(sha, { type: 'blob', content });
      return { status: 201, body: { sha, url: `${this.url}${prefix}/git/blobs/${sha}` } };
    }
    if ((match = rest.match(/^\/git\/blobs\/([0-9a-f]{40})$/)) && method === 'GET') {
      const object = this.objects.get(match[1]);
      if (!object || object.type !== 'blob') throw new HttpFailure(404, 'Not Found');
      return { body: { sha: match[1], size: object.content.length, encoding: 'base64', content: object.content.toString('base64') } };
    }
    if (rest === '/git/trees' && method === 'POST') {
      this.requireWrite(token, 'contents');
      const files = new Map<string, string>();
      if (body.base_tree) {
        const base = this.objects.get(String(body.base_tree));
        if (!base || base.type !== 'tree') throw new HttpFailure(422, 'Invalid tree info');
        for (const [path, sha] of base.files) files.set(path, sha);
      }
      for (const entry of body.tree as Array<{ path: string; type: string; sha?: string | null; content?: string }>) {
        if (entry.sha === null) {
          for (const path of [...files.keys()]) if (path === entry.path || path.startsWith(entry.path + '/')) files.delete(path);
          continue;
        }
        let sha = entry.sha;
        if (entry.content !== undefined) {
          const content = Buffer.from(entry.content, 'utf8');
          sha = gitHash('blob', content);
          this.objects.set(sha, { type: 'blob', content });
        }
        if (!sha || this.objects.get(sha)?.type !== 'blob') throw new HttpFailure(422, `tree.sha ${sha} is not a valid blob`);
        files.set(entry.path, sha);
      }
      return { status: 201, body: { sha: this.storeTree(files) } };
    }
    if (rest === '/git/commits' && method === 'POST') {
      this.requireWrite(token, 'contents');
      const tree = String(body.tree);
      this.treeFiles(tree);
      const parents = (body.parents as string[] | undefined) ?? [];
      for (const parent of parents) this.commit(parent);
      const sha = this.storeCommit(tree, parents, String(body.message));
      return { status: 201, body: { sha, tree: { sha: tree }, parents: parents.map((parent) => ({ sha: parent })) } };
    }
    if ((match = rest.match(/^\/git\/commits\/([0-9a-f]{40})$/)) && method === 'GET') {
      const commit = this.commit(match[1]);
      return { body: { sha: match[1], tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })), message: commit.message } };
    }
    if ((match = rest.match(/^\/contents\/(.+)$/)) && method === 'GET') {
      const ref = url.searchParams.get('ref') ?? this.defaultBranch;
      const commitSha = this.resolveCommit(ref);
      if (!commitSha) throw new HttpFailure(404, `No commit found for the ref ${ref}`);
      const files = this.treeFiles(this.commit(commitSha).tree);
      const wanted = match[1].replace(/\/$/, '');
      const blobSha = files.get(wanted);
      if (blobSha) {
        const content = (this.objects.get(blobSha) as { content: Buffer }).content;
        return { body: { type: 'file', path: wanted, sha: blobSha, size: content.length, encoding: 'base64', content: content.toString('base64') } };
      }
      const children = new Map<string, 'file' | 'dir'>();
      for (const path of files.keys()) {
        if (!path.startsWith(wanted + '/')) continue;
        const [name, ...deeper] = path.slice(wanted.length + 1).split('/');
        children.set(name, deeper.length > 0 ? 'dir' : 'file');
      }
      if (children.size === 0) throw new HttpFailure(404, 'Not Found');
      return { body: [...children].map(([name, type]) => ({ name, path: `${wanted}/${name}`, type })) };
    }
    if ((match = rest.match(/^\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/)) && method === 'GET') {
      const [base, head] = [match[1], match[2]];
      this.commit(base);
      this.commit(head);
      const baseAncestors = this.ancestors(base);
      // The merge base is the first common ancestor reached from head, breadth first.
      const queue = [head];
      const seen = new Set<string>();
      let mergeBase: string | undefined;
      while (queue.length > 0 && !mergeBase) {
        const sha = queue.shift()!;
        if (seen.has(sha)) continue;
        seen.add(sha);
        if (baseAncestors.has(sha)) mergeBase = sha;
        else queue.push(...this.commit(sha).parents);
      }
      if (!mergeBase) throw new HttpFailure(404, 'No common ancestor between base and head');
      const status = base === head ? 'identical' : mergeBase === base ? 'ahead' : mergeBase === head ? 'behind' : 'diverged';
      return { body: { merge_base_commit: { sha: mergeBase }, status } };
    }
    if ((match = rest.match(/^\/actions\/runs\/(\d+)\/jobs$/)) && method === 'GET') {
      const jobs = this.jobs.get(match[1]);
      if (!jobs) throw new HttpFailure(404, 'Not Found');
      const { headers, slice } = pageOf(url, jobs);
      return {
        headers,
        body: {
          total_count: jobs.length,
          jobs: slice.map((job) => ({ id: job.id, run_id: Number(match![1]), name: job.name, status: job.status, conclusion: job.conclusion, steps: job.steps })),
        },
      };
    }
    if ((match = rest.match(/^\/check-runs\/(\d+)\/annotations$/)) && method === 'GET') {
      const job = [...this.jobs.values()].flat().find((candidate) => candidate.id === Number(match![1]));
      if (!job) throw new HttpFailure(404, 'Not Found');
      const annotations = [
        ...job.errors.map((message) => ({ path: '.github', annotation_level: 'failure', message, title: '' })),
        ...(job.conclusion === 'failure' ? [{ path: '.github', annotation_level: 'failure', message: 'Process completed with exit code 1.', title: '' }] : []),
      ];
      return { body: annotations };
    }
    if (rest === '/commits' && method === 'GET') {
      const start = url.searchParams.get('sha') ?? this.defaultBranch;
      const startSha = this.resolveCommit(start);
      if (!startSha) throw new HttpFailure(404, `No commit found for SHA: ${start}`);
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
      const listed: string[] = [];
      const queue = [startSha];
      while (queue.length > 0 && listed.length < perPage) {
        const sha = queue.shift()!;
        if (listed.includes(sha)) continue;
        listed.push(sha);
        queue.push(...this.commit(sha).parents);
      }
      return { body: listed.map((sha) => ({ sha, commit: { message: this.commit(sha).message }, parents: this.commit(sha).parents.map((parent) => ({ sha: parent })) })) };
    }
    throw new HttpFailure(404, 'Not Found');
  }
}
