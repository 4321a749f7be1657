/** The local fakes of the chat APIs live with the dev tooling (the simulation delivers to them too). */
export * from '../../local/devtools/fakeChatApis';
