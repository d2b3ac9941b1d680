using Network.Events;
using Network.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(EventsService.Name);
builder.AddEventsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapEventsApi();
app.Run();

public partial class Program;
