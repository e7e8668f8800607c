// Builds the zip `atk deploy` would upload, with the Agents Toolkit's own azureAppService/zipDeploy driver
// (from @microsoft/m365agentstoolkit-cli, installed in a scratch folder) in its dry-run mode, which packs
// the artifact folder exactly as a deploy does and writes the zip instead of uploading it.
// Usage: node toolkit-zip.cjs <toolkit folder> <project folder> <step's "with" as JSON> <zip to write>
const [toolkit, project, stepArgs, zipFile] = process.argv.slice(2);
const load = (id) => require(require.resolve(id, { paths: [toolkit] }));
load('reflect-metadata');
const { AzureAppServiceDeployDriver } = load('@microsoft/teamsfx-core/build/component/driver/deploy/azure/azureAppServiceDeployDriver');
const quiet = () => {};
const context = {
  projectPath: project,
  logProvider: { debug: quiet, verbose: quiet, info: quiet, warning: (m) => console.error(m), error: (m) => console.error(m) },
  // A dry run asks for a credential before it packs, and never uses it.
  azureAccountProvider: { getIdentityCredentialAsync: async () => ({ getToken: async () => null }) },
};
const args = { ...JSON.parse(stepArgs), dryRun: true, outputZipFile: zipFile };
new AzureAppServiceDeployDriver().execute(args, context).then(
  (outcome) => {
    if (outcome.result.isErr()) {
      console.error(outcome.result.error.message);
      process.exit(1);
    }
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
